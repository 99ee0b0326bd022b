/** The local development chain (Hardhat/EDR), the only chain the dev wallet is offered on. */
export const LOCAL_CHAIN_ID = 31337;
