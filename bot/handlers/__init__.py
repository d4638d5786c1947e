"""Inbound routing for both messengers: parse an event, call one service.

Telegram: one module-level router per audience (`routers.get_routers()` gives their order);
their dependencies reach handlers and filters by parameter name from the dispatcher's
workflow data. WhatsApp: `whatsapp.WhatsAppRouter`, fed by the Twilio webhook.
"""
