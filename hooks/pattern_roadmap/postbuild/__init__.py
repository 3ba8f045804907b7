"""What runs on the built site: HTML fixes, vendored assets, the search index, headers, plan data."""
