package io.statewise.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Runs an action (stopping PostgreSQL, say) at an exact step of a request: just before a
 * statement, or just before the commit of the transaction that ran it. The statement is
 * named by a fragment of its SQL, and only statements run while answering an HTTP request
 * count, so background work (a reconciler, a cache refresh) never springs the trap. It
 * springs once, on the thread doing the work, so the step after it meets the
 * consequences. Inert until armed; wraps the context's {@link DataSource}.
 * <p>
 * Usage: {@code @Import(PostgresTrap.class)} on a {@code @SpringBootTest}, then
 * {@code trap.beforeCommitAfter("INSERT INTO orders", postgres::stop)}.
 */
public class PostgresTrap implements BeanPostProcessor {

	private final AtomicReference<@Nullable Trap> armed = new AtomicReference<>();

	private final AtomicBoolean sprung = new AtomicBoolean();

	/** Runs {@code action} just before the next statement containing {@code sql}. */
	public void beforeStatement(String sql, Runnable action) {
		arm(new Trap(sql, false, action));
	}

	/**
	 * Runs {@code action} just before committing the next transaction that ran a
	 * statement containing {@code sql}.
	 */
	public void beforeCommitAfter(String sql, Runnable action) {
		arm(new Trap(sql, true, action));
	}

	public boolean sprung() {
		return this.sprung.get();
	}

	public void disarm() {
		this.armed.set(null);
	}

	private void arm(Trap trap) {
		this.sprung.set(false);
		this.armed.set(trap);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		return (bean instanceof DataSource dataSource && !(bean instanceof Trapped)) ? new Trapped(dataSource) : bean;
	}

	private Connection trapped(Connection connection) {
		AtomicBoolean ranTrappedStatement = new AtomicBoolean();
		return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> {
					Trap trap = this.armed.get();
					if (trap != null && RequestContextHolder.getRequestAttributes() != null) {
						if (method.getName().equals("prepareStatement") && ((String) args[0]).contains(trap.sql())) {
							if (!trap.atCommit()) {
								spring(trap);
							}
							ranTrappedStatement.set(true);
						}
						else if (method.getName().equals("commit") && ranTrappedStatement.get()) {
							spring(trap);
						}
					}
					if (method.getName().equals("commit") || method.getName().equals("rollback")) {
						ranTrappedStatement.set(false);
					}
					try {
						return method.invoke(connection, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	private void spring(Trap trap) {
		if (this.armed.compareAndSet(trap, null)) {
			trap.action().run();
			this.sprung.set(true);
		}
	}

	private record Trap(String sql, boolean atCommit, Runnable action) {

	}

	private final class Trapped extends DelegatingDataSource {

		Trapped(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			return trapped(obtainTargetDataSource().getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return trapped(obtainTargetDataSource().getConnection(username, password));
		}

	}

}
