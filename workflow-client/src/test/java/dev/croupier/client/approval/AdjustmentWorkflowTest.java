package dev.croupier.client.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.croupier.errors.ErrorCode;
import dev.croupier.workflows.approval.AdjustmentActivities;
import dev.croupier.workflows.approval.AdjustmentRequest;
import dev.croupier.workflows.approval.AdjustmentState;
import dev.croupier.workflows.approval.AdjustmentStatus;
import dev.croupier.workflows.approval.AdjustmentWorkflow;
import dev.croupier.workflows.approval.AdjustmentWorkflowImpl;
import dev.croupier.workflows.approval.Posted;
import dev.croupier.workflows.approval.Vote;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The four-eyes approval workflow on Temporal's time-skipping test server, with a wallet stand-in
 * that posts each key once (the real wallet is in the admin module's tests): under the threshold it
 * posts at once; over it, nothing moves until a second ADMIN approves, the requester can never
 * approve, a rejection or the expiry timer posts nothing, and an unknown wallet outcome is looked
 * up by posting again under the same key.
 */
class AdjustmentWorkflowTest {
  private static final String QUEUE = "approvals-test";
  private static final UUID ASKER = UUID.randomUUID();
  private static final UUID SECOND = UUID.randomUUID();

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private final FakeWallet wallet = new FakeWallet();

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(AdjustmentWorkflowImpl.class);
    worker.registerActivitiesImplementations(wallet);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void underTheThresholdItIsPostedAtOnce() {
    AdjustmentRequest r = request(false, 5_000);
    AdjustmentStatus done = stub(r).run(r);
    assertThat(done.state()).isEqualTo(AdjustmentState.POSTED);
    assertThat(done.transactionId()).isNotNull();
    assertThat(wallet.posts).containsOnlyKeys(AdjustmentRequest.idempotencyKey(r.requestId()));
    assertThat(wallet.recorded).containsExactly(AdjustmentState.POSTED);
  }

  @Test
  void overTheThresholdNothingMovesUntilASecondAdminApproves() {
    AdjustmentRequest r = request(true, 500_000);
    AdjustmentWorkflow wf = stub(r);
    WorkflowClient.start(wf::run, r);
    AdjustmentWorkflow running =
        client.newWorkflowStub(
            AdjustmentWorkflow.class, AdjustmentRequest.workflowId(r.requestId()));
    env.sleep(Duration.ofHours(1));
    assertThat(running.status().state()).isEqualTo(AdjustmentState.PENDING_APPROVAL);
    assertThat(wallet.posts).isEmpty();

    assertRefused(
        () -> running.approve(new Vote(ASKER, "ADMIN", "my own")), ErrorCode.SELF_APPROVAL);
    assertRefused(() -> running.approve(new Vote(SECOND, "OPS", "not mine")), ErrorCode.FORBIDDEN);
    assertThat(wallet.posts).as("refused votes post nothing").isEmpty();

    AdjustmentStatus approved = running.approve(new Vote(SECOND, "ADMIN", "checked the ticket"));
    assertThat(approved.state()).isEqualTo(AdjustmentState.POSTED);
    assertThat(approved.decidedBy()).isEqualTo(SECOND);
    assertThat(wallet.posts).hasSize(1);
    // Decided and recorded, the workflow has ended: a late vote finds no one to take it.
    assertThatThrownBy(() -> running.approve(new Vote(UUID.randomUUID(), "ADMIN", "too late")))
        .isInstanceOf(io.temporal.client.WorkflowNotFoundException.class);
    assertThat(WorkflowStub.fromTyped(wf).getResult(AdjustmentStatus.class).state())
        .isEqualTo(AdjustmentState.POSTED);
    assertThat(wallet.recorded)
        .containsExactly(AdjustmentState.PENDING_APPROVAL, AdjustmentState.POSTED);
  }

  @Test
  void aRejectionOrTheExpiryPostsNothing() {
    AdjustmentRequest rejected = request(true, 500_000);
    WorkflowClient.start(stub(rejected)::run, rejected);
    AdjustmentWorkflow one =
        client.newWorkflowStub(
            AdjustmentWorkflow.class, AdjustmentRequest.workflowId(rejected.requestId()));
    assertThat(one.reject(new Vote(SECOND, "ADMIN", "no ticket")).state())
        .isEqualTo(AdjustmentState.REJECTED);

    AdjustmentRequest expiring = request(true, 500_000);
    AdjustmentWorkflow two = stub(expiring);
    WorkflowClient.start(two::run, expiring);
    env.sleep(Duration.ofHours(25));
    assertThat(WorkflowStub.fromTyped(two).getResult(AdjustmentStatus.class).state())
        .isEqualTo(AdjustmentState.EXPIRED);
    AdjustmentWorkflow expired =
        client.newWorkflowStub(
            AdjustmentWorkflow.class, AdjustmentRequest.workflowId(expiring.requestId()));
    assertThat(expired.status().state()).isEqualTo(AdjustmentState.EXPIRED);
    assertThat(wallet.posts).isEmpty();
  }

  @Test
  void aWalletRefusalEndsItAndAnUnknownOutcomeIsLookedUpUnderTheSameKey() {
    AdjustmentRequest broke = request(false, -1_000_000);
    wallet.refuse = ErrorCode.INSUFFICIENT_FUNDS;
    AdjustmentStatus failed = stub(broke).run(broke);
    assertThat(failed.state()).isEqualTo(AdjustmentState.FAILED);
    assertThat(failed.failureCode()).isEqualTo("INSUFFICIENT_FUNDS");
    assertThat(wallet.posts).isEmpty();

    wallet.refuse = null;
    wallet.calls.set(0);
    wallet.unknownAnswers.set(2);
    AdjustmentRequest flaky = request(false, 7_000);
    AdjustmentStatus posted = stub(flaky).run(flaky);
    assertThat(posted.state()).isEqualTo(AdjustmentState.POSTED);
    assertThat(wallet.calls.get())
        .as("two attempts lost their answer, the third was told")
        .isEqualTo(3);
    assertThat(wallet.posts).as("posted once under its key").hasSize(1);
  }

  private AdjustmentWorkflow stub(AdjustmentRequest r) {
    return client.newWorkflowStub(
        AdjustmentWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(QUEUE)
            .setWorkflowId(AdjustmentRequest.workflowId(r.requestId()))
            .build());
  }

  private static AdjustmentRequest request(boolean approval, long amount) {
    return new AdjustmentRequest(
        UUID.randomUUID(),
        UUID.randomUUID(),
        "COIN",
        amount > 0 ? "GRANT" : "ADJUSTMENT",
        amount,
        "goodwill after an outage",
        ASKER,
        approval,
        Duration.ofHours(24));
  }

  private static void assertRefused(Runnable update, ErrorCode code) {
    assertThatThrownBy(update::run)
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining(code.name());
  }

  /** Posts each key once and answers a repeat with the original, as the wallet does. */
  static final class FakeWallet implements AdjustmentActivities {
    final Map<String, Posted> posts = new ConcurrentHashMap<>();
    final List<AdjustmentState> recorded = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger unknownAnswers = new AtomicInteger();
    volatile ErrorCode refuse;

    @Override
    public Posted post(AdjustmentRequest request) {
      calls.incrementAndGet();
      if (refuse != null) {
        throw ApplicationFailure.newNonRetryableFailure("refused", refuse.name());
      }
      Posted posted =
          posts.computeIfAbsent(
              AdjustmentRequest.idempotencyKey(request.requestId()),
              k -> new Posted(posts.size() + 1, 100_000 + request.amount(), false));
      if (unknownAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        // The wallet posted, but its answer was lost on the way back.
        throw new IllegalStateException("deadline exceeded");
      }
      return posted;
    }

    @Override
    public void record(AdjustmentRequest request, AdjustmentStatus status) {
      recorded.add(status.state());
    }
  }
}
