package dev.croupier.client.testing;

import dev.croupier.client.sealing.SeedSealing;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;

/** Options for the time-skipping test server whose payloads seal seeds as the workers app does. */
public final class SealedTestEnvironment {
  private SealedTestEnvironment() {}

  public static TestEnvironmentOptions options(SeedSealing sealing) {
    return TestEnvironmentOptions.newBuilder()
        .setWorkflowClientOptions(
            WorkflowClientOptions.newBuilder().setDataConverter(sealing.dataConverter()).build())
        .build();
  }
}
