resource "aws_lambda_event_source_mapping" "this" {
  event_source_arn               = "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2024-01-01T00:00:00.000"
  function_name                  = "order-processor"
  batch_size                     = 100
  starting_position              = "LATEST"
  bisect_batch_on_function_error = true
  filter_criteria {
    filter {
      pattern = jsonencode({
        "dynamodb" = {
          "NewImage" = {
            "AccountManager" = {
              "S" = ["Pat Candella", "Shirley Rodriguez"]
            }
          }
          "Keys" = {
            "CustomerName" = {
              "S" = [
                {
                  "exists" = true
                },
              ]
            }
          }
        }
      })
    }
  }
}
