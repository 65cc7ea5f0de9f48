// Pass as `filters` to an event source (new SqsEventSource(queue, { filters })) or to
// addEventSourceMapping(id, { ..., filters }).
const filters: { [key: string]: any }[] = [];
