package dev.passwordreset.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that can be "unplugged", as a closed pool or a stopped server is: from the n-th
 * connection on, every {@link #getConnection()} fails with SQLState 08001.
 */
final class SwitchableDataSource implements DataSource {
  private final DataSource delegate;
  private final AtomicInteger served = new AtomicInteger();
  private volatile int failFrom = Integer.MAX_VALUE;

  SwitchableDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  /** Every connection from now on fails. */
  void down() {
    failAfter(0);
  }

  /** The next {@code n} connections work, every later one fails. */
  void failAfter(int n) {
    failFrom = served.get() + n;
  }

  /** Connections work again. */
  void up() {
    failFrom = Integer.MAX_VALUE;
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (served.getAndIncrement() >= failFrom) {
      throw new SQLException("Connection refused: the database is down (test)", "08001");
    }
    return delegate.getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return delegate.isWrapperFor(iface);
  }
}
