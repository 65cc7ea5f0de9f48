resource "aws_lambda_event_source_mapping" "this" {
  event_source_arn               = "arn:aws:kinesis:us-east-1:123456789012:stream/orders"
  function_name                  = "order-processor"
  batch_size                     = 100
  starting_position              = "LATEST"
  bisect_batch_on_function_error = true
  filter_criteria {
    filter {
      pattern = jsonencode({
        "data" = {
          "$or" = [
            {
              "order" = {
                "type" = ["buy"]
              }
            },
            {
              "order" = {
                "quantity" = [
                  {
                    "numeric" = [">=", 100, "<", 1000.5]
                  },
                ]
              }
            },
          ]
        }
      })
    }
  }
}
