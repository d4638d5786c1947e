"""WhatsApp through Twilio: the webhook, rendering, sending, media by URL, the 24-hour window."""
