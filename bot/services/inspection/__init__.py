"""Inspection reports: the format managers type, the report sent with its photos, and the
client's reactions and impressions of each car."""
