"""The public website and the LA workspace (issue 8), through the real HTTP stack of the test client."""
