import { FilterCriteria } from "aws-cdk-lib/aws-lambda";

// Pass as `filters` to an event source (new SqsEventSource(queue, { filters })) or to
// addEventSourceMapping(id, { ..., filters }).
const filters = [
  FilterCriteria.filter({
    dynamodb: {
      NewImage: {
        AccountManager: {
          S: ['Pat Candella', 'Shirley Rodriguez'],
        },
      },
      Keys: {
        CustomerName: {
          S: [
            {
              exists: true,
            },
          ],
        },
      },
    },
  }),
];
