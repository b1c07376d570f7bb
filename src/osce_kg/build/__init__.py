"""`osce-kg build`: sources -> map -> validate -> store, published atomically, then exports."""
