resource "aws_lambda_event_source_mapping" "this" {
  event_source_arn  = "arn:aws:kafka:us-east-1:123456789012:cluster/devices/abcd1234-0123-4567-89ab-cdef01234567-1"
  function_name     = "order-processor"
  batch_size        = 100
  starting_position = "LATEST"
  topics            = ["devices"]
  filter_criteria {
    filter {
      pattern = jsonencode({
        "value" = {
          "device_ID" = [
            {
              "prefix" = "AB"
            },
          ]
          "temperature" = [
            {
              "numeric" = [">", -40]
            },
          ]
          "alert" = [true, null]
        }
      })
    }
  }
}
