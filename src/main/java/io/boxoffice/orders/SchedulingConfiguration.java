package io.boxoffice.orders;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on the recurring hold sweeper and partition maintenance (db-scheduler takes recurring jobs
 * over with the jobs module).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {}
