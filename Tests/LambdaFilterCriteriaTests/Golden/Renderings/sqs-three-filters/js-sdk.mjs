import { LambdaClient, UpdateEventSourceMappingCommand } from "@aws-sdk/client-lambda";

const input = {
  UUID: '14e0db71-5d35-4eb5-b481-8945cf9d10c2',
  FunctionName: 'order-processor',
  BatchSize: 10,
  FilterCriteria: {
    Filters: [
      {
        Pattern: '{"body":{"RequestCode":["BBBB"],"RecordNumber":[{"numeric":[">",9999]}]}}',
      },
      {
        Pattern: '{"body":[{"prefix":"ERROR "},{"anything-but":["DEBUG","TRACE"]}]}',
      },
      {
        Pattern: '{"body":{"template":["${aws:username}","%{if x}","$${literal}"],"quote":["it\'s \\"quoted\\"","back\\\\slash"],"control":["line\\nbreak\\ttab","\u2028sep"],"unicode":["café","日本","😀"],"<html>":[{"suffix":"&amp;"}]}}',
      },
    ],
  },
  ScalingConfig: {
    MaximumConcurrency: 5,
  },
};
const response = await new LambdaClient({}).send(new UpdateEventSourceMappingCommand(input));
