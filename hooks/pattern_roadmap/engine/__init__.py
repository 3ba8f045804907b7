"""Planning: who fits, what comes first, where each step goes, and the words of each step."""
