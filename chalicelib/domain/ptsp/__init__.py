"""PTSP (pelayanan terpadu satu pintu) information desk: the service catalogue of an SKPD, desk visitors and
the WhatsApp auto-reply (seed 003 §3–4; SPEC §10)."""
