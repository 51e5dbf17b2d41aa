package io.boxoffice.platform.database;

import java.lang.reflect.Method;
import java.sql.SQLException;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Gives a read-only transaction that failed on a replica (the replica stopped, or cancelled the
 * query to replay WAL) one more run, on the primary, so that losing a replica fails no request.
 * Applies around every {@code @Transactional(readOnly = true)} method, outside its transaction.
 */
final class ReplicaReadRetry extends StaticMethodMatcherPointcutAdvisor implements MethodInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ReplicaReadRetry.class);

    ReplicaReadRetry() {
        setAdvice(this);
        setOrder(Ordered.LOWEST_PRECEDENCE - 1); // outside the transaction interceptor
    }

    @Override
    public boolean matches(Method method, Class<?> targetClass) {
        Transactional onMethod = AnnotatedElementUtils.findMergedAnnotation(method, Transactional.class);
        Transactional transactional = onMethod != null
                ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(targetClass, Transactional.class);
        return transactional != null && transactional.readOnly();
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return invocation.proceed(); // an inner call: the outermost one retries
        }
        ReplicaRouter.takeServedBy();
        try {
            return invocation.proceed();
        } catch (DataAccessException | TransactionException e) {
            Replica replica = ReplicaRouter.takeServedBy();
            if (replica == null) {
                throw e;
            }
            if (isConnectionFailure(e)) {
                replica.failed(e);
            }
            log.info("A read on replica {} failed ({}); reading from the primary", replica.name(), e.getMessage());
            return DatabaseRouting.onPrimary(() -> proceedAgain(invocation));
        }
    }

    private static @Nullable Object proceedAgain(MethodInvocation invocation) {
        try {
            return ((ProxyMethodInvocation) invocation).invocableClone().proceed();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** SQLSTATE class 08 (connection exception) or 57P (operator intervention: shutdown, crash). */
    static boolean isConnectionFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("08") || state.startsWith("57P");
            }
        }
        return true; // no SQLSTATE: the connection itself could not be had
    }
}
