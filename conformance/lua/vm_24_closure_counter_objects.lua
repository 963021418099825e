local function Account(balance)
  local self = {}
  local history = {}
  function self.deposit(v) balance = balance + v history[#history + 1] = "+" .. v end
  function self.withdraw(v)
    if v > balance then error("insufficient funds", 2) end
    balance = balance - v
    history[#history + 1] = "-" .. v
  end
  function self.balance() return balance end
  function self.history() return table.concat(history, " ") end
  return self
end
local acc = Account(100)
acc.deposit(50)
acc.withdraw(30)
print(acc.balance(), acc.history())
print(pcall(acc.withdraw, 1000))
local acc2 = Account(0)
acc2.deposit(1)
print(acc.balance(), acc2.balance())
