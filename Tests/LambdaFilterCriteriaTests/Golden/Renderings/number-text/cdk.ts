import { FilterCriteria } from "aws-cdk-lib/aws-lambda";

// Pass as `filters` to an event source (new SqsEventSource(queue, { filters })) or to
// addEventSourceMapping(id, { ..., filters }).
const filters = [
  // Kept as a string: the number 1.50 would be rewritten, and Lambda compares number text.
  { pattern: '{"body":{"price":[1.50,3.0e2],"count":[{"numeric":["=",100]}]}}' },
];
