import { FilterCriteria } from "aws-cdk-lib/aws-lambda";

// Pass as `filters` to an event source (new SqsEventSource(queue, { filters })) or to
// addEventSourceMapping(id, { ..., filters }).
const filters = [
  // Kept as a string: the key "dynamodb" is repeated, and an object literal keeps only one.
  { pattern: '{"dynamodb":{"NewImage":{"status":{"S":["active"]}}},"dynamodb":{"OldImage":{"status":{"S":["pending"]}}}}' },
];
