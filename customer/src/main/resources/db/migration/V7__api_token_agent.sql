-- An agent token may be bound to one ACD agent: it then acts only as that agent (issue 9, agent desk).
-- NULL: not bound (admin and supervisor tokens, and agent tokens of a desk integration acting for all agents).
ALTER TABLE api_tokens ADD COLUMN agent_id VARCHAR(100);
