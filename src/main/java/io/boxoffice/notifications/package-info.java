/**
 * Notifications: the emails Boxoffice sends (order confirmations with ticket codes, notices of a
 * cancelled event), rendered from templates and sent through SMTP by jobs that are enqueued in
 * the transaction of the write that caused them, and sent at most once each.
 */
@ApplicationModule(
        displayName = "Notifications",
        allowedDependencies = {
            "accounts",
            "catalog",
            "jobs",
            "orders",
            "platform",
            "platform::jdbc",
            "platform::observability",
            "platform::web"
        })
package io.boxoffice.notifications;

import org.springframework.modulith.ApplicationModule;
