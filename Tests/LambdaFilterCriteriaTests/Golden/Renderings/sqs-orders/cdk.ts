import { FilterCriteria } from "aws-cdk-lib/aws-lambda";

// Pass as `filters` to an event source (new SqsEventSource(queue, { filters })) or to
// addEventSourceMapping(id, { ..., filters }).
const filters = [
  FilterCriteria.filter({
    body: {
      RequestCode: ['BBBB'],
      RecordNumber: [
        {
          numeric: ['>', 9999],
        },
      ],
    },
  }),
];
