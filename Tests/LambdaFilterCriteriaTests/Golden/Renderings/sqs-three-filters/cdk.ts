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
  FilterCriteria.filter({
    body: {
      template: ['${aws:username}', '%{if x}', '$${literal}'],
      quote: ['it\'s "quoted"', 'back\\slash'],
      control: ['line\nbreak\ttab', '\u2028sep'],
      unicode: ['café', '日本', '😀'],
      '<html>': [
        {
          suffix: '&amp;',
        },
      ],
    },
  }),
];
