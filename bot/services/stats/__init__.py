"""The owner's numbers: figures read from storage, put in words and a chart, exported as CSV."""
