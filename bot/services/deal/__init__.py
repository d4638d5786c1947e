"""The deal: stages, hard searches and delivery dates, and its status as the client sees it."""
