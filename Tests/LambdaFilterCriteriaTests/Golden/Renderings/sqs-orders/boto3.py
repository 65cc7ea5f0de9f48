# boto3.client("lambda").update_event_source_mapping(**update_event_source_mapping_kwargs)
update_event_source_mapping_kwargs = {
    'UUID': '14e0db71-5d35-4eb5-b481-8945cf9d10c2',
    'FunctionName': 'order-processor',
    'BatchSize': 10,
    'FilterCriteria': {
        'Filters': [
            {
                'Pattern': '{"body":{"RequestCode":["BBBB"],"RecordNumber":[{"numeric":[">",9999]}]}}',
            },
        ],
    },
    'ScalingConfig': {
        'MaximumConcurrency': 5,
    },
}
