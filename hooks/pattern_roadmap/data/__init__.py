"""Reading YAML into validated records or Problems (file, field, what was expected)."""
