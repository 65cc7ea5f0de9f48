import { LambdaClient, UpdateEventSourceMappingCommand } from "@aws-sdk/client-lambda";

const input = {
  UUID: '14e0db71-5d35-4eb5-b481-8945cf9d10c2',
  FunctionName: 'order-processor',
  BatchSize: 10,
  FilterCriteria: {
    Filters: [
      {
        Pattern: '{"body":{"price":[1.50,3.0e2],"count":[{"numeric":["=",100]}]}}',
      },
    ],
  },
  ScalingConfig: {
    MaximumConcurrency: 5,
  },
};
const response = await new LambdaClient({}).send(new UpdateEventSourceMappingCommand(input));
