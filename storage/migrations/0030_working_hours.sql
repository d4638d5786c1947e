-- Working hours (issue 25): a client writing while the firm is closed is told once per closed
-- period when a manager will answer; the opening they were told of is kept, so a second
-- message the same night gets no second answer.
ALTER TABLE clients ADD COLUMN closed_told_for TEXT;
