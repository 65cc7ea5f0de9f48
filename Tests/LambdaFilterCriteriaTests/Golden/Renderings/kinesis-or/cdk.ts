import { FilterCriteria } from "aws-cdk-lib/aws-lambda";

// Pass as `filters` to an event source (new SqsEventSource(queue, { filters })) or to
// addEventSourceMapping(id, { ..., filters }).
const filters = [
  FilterCriteria.filter({
    data: {
      $or: [
        {
          order: {
            type: ['buy'],
          },
        },
        {
          order: {
            quantity: [
              {
                numeric: ['>=', 100, '<', 1000.5],
              },
            ],
          },
        },
      ],
    },
  }),
];
