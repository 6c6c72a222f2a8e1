package dev.croupier.gateway.ws;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Virtual threads for requests, writes and closes, so a blocked call never holds an I/O thread. */
@Configuration(proxyBeanMethods = false)
class SocketExecutorConfiguration {
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService socketExecutor() {
    return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ws-", 0).factory());
  }
}
