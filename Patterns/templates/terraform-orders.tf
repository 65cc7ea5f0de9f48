variable "queue_arn" {
  type = string
}

resource "aws_sqs_queue" "orders" {
  name = "orders"
}

# Orders over 100, written with jsonencode.
resource "aws_lambda_event_source_mapping" "big_orders" {
  event_source_arn = aws_sqs_queue.orders.arn
  function_name    = "orders"
  batch_size       = 10

  filter_criteria {
    filter {
      pattern = jsonencode({
        body = {
          total = [{ numeric = [">", 100] }]
        }
      })
    }
  }
}

resource "aws_lambda_event_source_mapping" "gold_placed" {
  event_source_arn = var.queue_arn
  function_name    = "orders"

  filter_criteria {
    filter {
      pattern = <<EOT
{"body": {"customer": {"tier": ["gold"]}, "status": ["PLACED"]}}
EOT
    }
  }
}
