package dev.croupier.observability.temporal;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import org.slf4j.MDC;

/**
 * Puts {@code sessionId} or {@code tableId} into the log context of an activity of the workflow
 * {@code session-<id>} or {@code table-<id>}, beside the SDK's own {@code WorkflowId}.
 */
final class WorkflowIdLogContext extends WorkerInterceptorBase {
  static final String SESSION_ID = "sessionId";
  static final String TABLE_ID = "tableId";

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private String key;
      private String id;

      @Override
      public void init(ActivityExecutionContext context) {
        String workflowId = context.getInfo().getWorkflowId();
        if (workflowId != null && workflowId.startsWith("session-")) {
          key = SESSION_ID;
          id = workflowId.substring("session-".length());
        } else if (workflowId != null && workflowId.startsWith("table-")) {
          key = TABLE_ID;
          id = workflowId.substring("table-".length());
        }
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        if (key == null) {
          return super.execute(input);
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(key, id)) {
          return super.execute(input);
        }
      }
    };
  }
}
