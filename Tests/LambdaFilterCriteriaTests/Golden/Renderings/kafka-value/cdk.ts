import { FilterCriteria } from "aws-cdk-lib/aws-lambda";

// Pass as `filters` to an event source (new SqsEventSource(queue, { filters })) or to
// addEventSourceMapping(id, { ..., filters }).
const filters = [
  FilterCriteria.filter({
    value: {
      device_ID: [
        {
          prefix: 'AB',
        },
      ],
      temperature: [
        {
          numeric: ['>', -40],
        },
      ],
      alert: [true, null],
    },
  }),
];
