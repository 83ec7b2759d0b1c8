-- Webhook secret rotation: after POST /webhooks/{id}/secret the previous secret keeps signing beside the new one
-- until previous_secret_expires_at, so that receivers can switch without missing a delivery.
alter table webhook
    add column previous_secret            text,
    add column previous_secret_expires_at timestamptz;
