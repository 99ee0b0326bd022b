/**
 * Root layout (server). Reads and validates the runtime configuration on every request; a bad
 * configuration renders a page naming each bad variable instead of the app.
 */
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AppProviders } from "../components/AppProviders.tsx";
import { WalletMenu } from "../components/WalletMenu.tsx";
import { getAppConfig } from "../config/getAppConfig.ts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Markspace", template: "%s · Markspace" },
  description: "An open-source 3D/WebXR world whose land lives on Ethereum.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const result = await getAppConfig();
  return (
    <html lang="en">
      <body>
        {result.ok ? (
          <AppProviders config={result.config}>
            <header className="site-header">
              <Link href="/" className="brand">
                Markspace
              </Link>
              <nav className="site-nav">
                <Link href="/city">City</Link>
                <Link href="/">Units</Link>
                <Link href="/claim">Claim</Link>
                <Link href="/market">Market</Link>
                <Link href="/leases">Leases</Link>
                <Link href="/agency">Agencies</Link>
                <Link href="/token">Token</Link>
                <Link href="/sale">Sale</Link>
                <Link href="/wallet">Wallet</Link>
                <Link href="/governance">Governance</Link>
                <Link href="/communities">Communities</Link>
                <Link href="/render">Render</Link>
              </nav>
              <WalletMenu />
            </header>
            <main className="site-main">{children}</main>
            <footer className="site-footer">
              Chain {result.config.chainId} ({result.config.network}) · registry{" "}
              <code>{result.config.contracts.unitRegistry}</code>
            </footer>
          </AppProviders>
        ) : (
          <main className="site-main config-error">
            <h1>Markspace is not configured correctly</h1>
            <p>The app server was started with a configuration it cannot use:</p>
            <ul>
              {result.problems.map((problem) => (
                <li key={problem.variable}>
                  <code>{problem.variable}</code> {problem.message}
                </li>
              ))}
            </ul>
            <p>
              Set these environment variables on the app process and restart it. See <code>app/README.md</code>.
            </p>
          </main>
        )}
      </body>
    </html>
  );
}
