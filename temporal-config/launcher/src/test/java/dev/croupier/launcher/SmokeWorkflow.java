package dev.croupier.launcher;

import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A one-step workflow that tags itself with a user ID, as game sessions do. */
@WorkflowInterface
public interface SmokeWorkflow {
  SearchAttributeKey<String> USER_ID = SearchAttributeKey.forKeyword("CroupierUserId");

  @WorkflowMethod
  String greet(String userId);

  /** Upserts the search attribute, then answers. */
  class Impl implements SmokeWorkflow {
    @Override
    public String greet(String userId) {
      Workflow.upsertTypedSearchAttributes(USER_ID.valueSet(userId));
      return "hello " + userId;
    }
  }
}
