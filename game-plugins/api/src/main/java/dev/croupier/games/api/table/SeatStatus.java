package dev.croupier.games.api.table;

/** Whether a seat is free, dealt into the next round, or sitting out. */
public enum SeatStatus {
  /** Nobody sits here. */
  EMPTY,
  /** Seated and dealt into the next round when the stack is above zero. */
  PLAYING,
  /** Seated but not dealt in: by choice, after timeouts, or with an empty stack. */
  SITTING_OUT
}
