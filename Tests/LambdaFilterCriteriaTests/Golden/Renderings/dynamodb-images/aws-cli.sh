aws lambda update-event-source-mapping \
  --uuid 14e0db71-5d35-4eb5-b481-8945cf9d10c2 \
  --function-name order-processor \
  --batch-size 100 \
  --filter-criteria '{"Filters":[{"Pattern":"{\"dynamodb\":{\"NewImage\":{\"AccountManager\":{\"S\":[\"Pat Candella\",\"Shirley Rodriguez\"]}},\"Keys\":{\"CustomerName\":{\"S\":[{\"exists\":true}]}}}}"}]}' \
  --bisect-batch-on-function-error
