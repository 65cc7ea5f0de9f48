import { LambdaClient, UpdateEventSourceMappingCommand } from "@aws-sdk/client-lambda";

const input = {
  UUID: '14e0db71-5d35-4eb5-b481-8945cf9d10c2',
  FunctionName: 'order-processor',
  BatchSize: 100,
  FilterCriteria: {
    Filters: [
      {
        Pattern: '{"value":{"device_ID":[{"prefix":"AB"}],"temperature":[{"numeric":[">",-40]}],"alert":[true,null]}}',
      },
    ],
  },
};
const response = await new LambdaClient({}).send(new UpdateEventSourceMappingCommand(input));
