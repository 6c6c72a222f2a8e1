-- The progressive jackpot paid for a round: the session workflow pays it with the wallet's
-- PayJackpot under session-<id>/round-<n>/jackpot right after the round's post, and projects the
-- amount and the JACKPOT_WIN transaction here. Rounds projected before that keep 0 and null.
alter table game.rounds
  add column jackpot_win            bigint not null default 0,
  add column jackpot_transaction_id bigint,
  add constraint rounds_jackpot_win_of_a_hit check (jackpot_win >= 0 and (jackpot_win = 0 or jackpot_hit));

comment on column game.rounds.jackpot_win is 'Progressive jackpot paid for the round (minor units); 0 when none.';
comment on column game.rounds.jackpot_transaction_id is 'The wallet''s JACKPOT_WIN transaction of the round, when it hit.';
