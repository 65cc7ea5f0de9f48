aws lambda update-event-source-mapping \
  --uuid 14e0db71-5d35-4eb5-b481-8945cf9d10c2 \
  --function-name order-processor \
  --batch-size 10 \
  --filter-criteria '{"Filters":[{"Pattern":"{\"body\":{\"RequestCode\":[\"BBBB\"],\"RecordNumber\":[{\"numeric\":[\">\",9999]}]}}"}]}' \
  --scaling-config '{"MaximumConcurrency":5}'
