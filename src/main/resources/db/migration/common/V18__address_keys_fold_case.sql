-- One person, whatever the case of their address: the deduplication key now folds the part before
-- '@' too (audience.AddressKeys), as the suppression list always did. Keys staged before are folded
-- so that feedback, abandoned runs and audit find them by the new key.
UPDATE bulletin_recipient SET address_key = LOWER(address_key)
 WHERE address_key IS NOT NULL AND address_key <> LOWER(address_key);
