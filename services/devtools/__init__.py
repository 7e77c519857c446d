"""Developer tools: a loopback feed server for the demo corpus and tests."""
