"""The checked aggregates: every cross-file check, one DataError listing all problems."""
