import { LambdaClient, UpdateEventSourceMappingCommand } from "@aws-sdk/client-lambda";

const input = {
  UUID: '14e0db71-5d35-4eb5-b481-8945cf9d10c2',
  FunctionName: 'order-processor',
  BatchSize: 100,
  FilterCriteria: {
    Filters: [
      {
        Pattern: '{"data":[{"equals-ignore-case":"result: ok"}]}',
      },
    ],
  },
};
const response = await new LambdaClient({}).send(new UpdateEventSourceMappingCommand(input));
