"""The service workshop (issue 16): booking, work orders the client approves line by line,
promised times, the bill, follow-ups. `Workshop` (desk.py) is its front door."""
