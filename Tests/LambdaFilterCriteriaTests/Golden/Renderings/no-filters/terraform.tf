resource "aws_lambda_event_source_mapping" "this" {
  event_source_arn = "arn:aws:sqs:us-east-1:123456789012:orders"
  function_name    = "order-processor"
  batch_size       = 10
  scaling_config {
    maximum_concurrency = 5
  }
  # No filter_criteria block: the mapping has no filters.
}
