import { FilterCriteria } from "aws-cdk-lib/aws-lambda";

// Pass as `filters` to an event source (new SqsEventSource(queue, { filters })) or to
// addEventSourceMapping(id, { ..., filters }).
const filters = [
  FilterCriteria.filter({
    body: [
      {
        prefix: 'ERROR ',
      },
      {
        'anything-but': ['DEBUG', 'TRACE'],
      },
    ],
  }),
];
