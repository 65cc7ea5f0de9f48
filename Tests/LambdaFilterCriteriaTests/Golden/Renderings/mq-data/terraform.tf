resource "aws_lambda_event_source_mapping" "this" {
  event_source_arn = "arn:aws:mq:us-east-1:123456789012:broker:results:b-0123"
  function_name    = "order-processor"
  batch_size       = 100
  queues           = ["results"]
  filter_criteria {
    filter {
      pattern = jsonencode({
        "data" = [
          {
            "equals-ignore-case" = "result: ok"
          },
        ]
      })
    }
  }
}
