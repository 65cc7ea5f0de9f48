print("lambda-filter")
